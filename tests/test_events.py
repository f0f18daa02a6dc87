"""Event detection read as usage: text in, ACLED/PLOVER-coded events out, with actors, places, flags and sources."""

from __future__ import annotations

from datetime import datetime

from kilde.events.detect import detect_events
from kilde.events.ontology import event_type_of, inter_code, plover_of, sub_event_index
from kilde.model import Article, Claim, ExtractionResult, Place, Quantity, TimeSpan
from kilde.nlp import parse


def events_of(text: str, lang: str = "nb", published: str = "2016-12-11", source: str = "VG", **records):
    article = Article(
        text=text, language=lang, published=datetime.fromisoformat(published), published_precision="day", source=source
    )
    result = ExtractionResult(article=article, **records)
    result.events = detect_events(parse(text, lang), article, result)
    result.assign_ids()
    return result.events


def with_trigger(events, text: str):
    return [e for e in events if e.trigger and e.trigger.text == text]


def coded(events):
    return [e.sub_event_type for e in events if e.sub_event_type]


def test_ontology_has_acleds_25_sub_events_with_plover_codes():
    assert len(sub_event_index()) == 25
    assert event_type_of("Air/drone strike") == "Explosions/Remote violence"
    assert plover_of("Air/drone strike") == ("ASSAULT", "aerial")
    assert plover_of("Abduction/forced disappearance") == ("ASSAULT", "abduct")
    assert inter_code("Protesters") == 6


def test_compound_attack_names_its_actor():
    [event] = events_of("Et kraftig IS-angrep mot byen drepte mange soldater.")
    assert event.event_type == "Battles"
    assert event.actor1.canonical_id == "islamic_state"
    assert event.actor1.wikidata == "Q2429253"


def test_air_strike_from_compound_and_adjective_actors():
    [event] = events_of("Russiske og syriske luftangrep rammet byen natt til søndag.")
    assert event.sub_event_type == "Air/drone strike"
    assert event.plover_category == "ASSAULT" and event.plover_mode == "aerial"
    actors = [event.actor1.canonical_id] + [a.canonical_id for a in event.assoc_actor1]
    assert actors == ["russian_military", "syrian_government_forces"]


def test_verbal_attack_is_criticism_not_violence():
    events = events_of("Opposisjonen kom med et kraftig angrep på regjeringens politikk i Stortinget i går.")
    assert coded(events) == []


def test_sport_crime_and_metaphor_are_not_conflict_events():
    football = (
        "Spissen Markus Berger skjøt seg bort hver gang, og Rosenborg angrep i over en time uten å få ballen i mål. "
        "– Vi bombarderte dem i hele andre omgang, sier treneren etter kampen."
    )
    robbery = (
        "To menn er pågrepet etter et ran av en dagligvarebutikk på Grünerløkka i Oslo. "
        "Mennene er siktet for grovt ran og tyveri, opplyser politiet."
    )
    metaphor = "– Dette er et direkte angrep på velferdsstaten, sier talspersonen. Regjeringen skyter seg selv i foten."
    for text in (football, robbery, metaphor):
        assert coded(events_of(text)) == [], text


def test_political_arrest_and_protest_are_acled_events():
    events = events_of(
        "Soldater pågrep statsministeren i hovedstaden mandag. "
        "Tusenvis av demonstranter protesterte mot kuppet foran presidentboligen."
    )
    assert "Arrests" in coded(events)
    protest = next(e for e in events if e.sub_event_type == "Peaceful protest")
    assert protest.actor1.actor_type == "Protesters"


def test_passive_agent_is_actor1_and_target_is_actor2():
    [event] = events_of("Flere sivile ble drept av IS-krigere i landsbyen.")
    assert event.actor1.canonical_id == "islamic_state"
    assert event.actor2.canonical_id == "civilians"


def test_territory_coding_follows_who_takes_it():
    gov = events_of("Regjeringsstyrkene tok kontroll over byen etter harde kamper.")
    rebels = events_of("IS har tatt kontroll over store deler av byen.")
    assert "Government regains territory" in coded(gov)
    assert coded(rebels) == ["Non-state actor overtakes territory"]


def test_territory_held_a_day_or_less_is_an_armed_clash():
    events = events_of("IS tok kontroll over bydelen, men styrkene drev dem ut igjen samme dag.")
    assert "Non-state actor overtakes territory" not in coded(events)
    assert "Armed clash" in coded(events)


def test_negated_threatened_and_reported_events_are_flagged():
    [negated] = events_of("IS har ikke angrepet byen, opplyser hæren.")
    [threat] = [e for e in events_of("IS truer med å angripe byen med soldater.") if e.sub_event_type]
    [hedged] = events_of("IS skal ha bortført 20 sivile i Palmyra.")
    assert negated.negated and not negated.current
    assert threat.hypothetical and not threat.current
    assert hedged.sub_event_type == "Abduction/forced disappearance"
    assert hedged.reported and hedged.hedged and hedged.current


def test_not_only_negates_nothing():
    text = "IS erobret ikke bare Palmyra, men også store områder rundt byen."
    [taken] = [e for e in events_of(text) if e.sub_event_type]
    [denied] = [e for e in events_of("IS erobret ikke Palmyra, opplyser hæren.") if e.sub_event_type]
    assert not taken.negated and denied.negated


def test_background_history_is_never_current():
    text = "I det tredje århundre erobret dronning Zenobia Egypt med sine soldater."
    [event] = events_of(text)
    assert event.historical and not event.current
    dated = TimeSpan(
        start_char=text.index("det tredje"),
        end_char=text.index(" erobret"),
        text="det tredje århundre",
        start=datetime(200, 1, 1),
        end=datetime(300, 1, 1),
        precision="year",
        anchor="absolute",
    )
    [event] = events_of(text, times=[dated])
    assert event.historical and event.time.text == "det tredje århundre"


def test_arguments_come_from_places_times_quantities_and_claims():
    text = "Minst 50 regjeringssoldater er drept i kampene rundt Palmyra siden torsdag, opplyser guvernøren ifølge NTB."
    at = text.index("Palmyra")
    palmyra = Place(
        start_char=at,
        end_char=at + 7,
        text="Palmyra",
        name="Tadmur",
        country="SY",
        latitude=34.56,
        longitude=38.27,
        precision="exact",
        geo_precision=1,
    )
    toll = Quantity(
        start_char=0, end_char=8, text="Minst 50", low=50, best=50, unit="regjeringssoldater", fatalities=True
    )
    other = Quantity(start_char=0, end_char=8, text="Minst 50", low=40, best=45, unit="drepte", fatalities=True)
    claim = Claim(
        id="c1",
        start_char=0,
        end_char=text.index(", opplyser"),
        text=text[: text.index(",")],
        speaker="guvernøren",
        relay=["guvernøren", "NTB", "VG"],
    )
    [event] = events_of(text, places=[palmyra], quantities=[toll, other], claims=[claim])
    assert event.sub_event_type == "Armed clash"
    assert event.place.name == "Tadmur"
    assert event.fatalities_best == 45  # the most conservative figure
    assert event.claim_ids == ["c1"] and event.sources == ["guvernøren", "NTB", "VG"]
    assert event.reported and event.evidence[0].text == text
    assert 0.0 <= event.confidence <= 1.0


def test_time_defaults_to_the_publication_date_at_its_precision():
    [event] = events_of("IS angrep byen med soldater.")
    assert event.time.anchor == "publication" and event.time.precision == "day"
    assert event.time.start == datetime(2016, 12, 11)


def test_nynorsk_and_english():
    [nn] = events_of("Minst ti palestinarar er drepne i israelske flyåtak mot Gazastripa tysdag.", lang="nn")
    assert nn.sub_event_type == "Air/drone strike"
    assert nn.actor1.canonical_id == "military_forces_of_israel"
    en = events_of("A suicide bomber blew herself up inside the office of the mayor, killing six people.", lang="en")
    assert coded(en) == ["Suicide bomb"]


def test_empty_and_odd_input_does_not_crash():
    assert events_of("") == []
    assert events_of("angrep " * 2000)[:0] == []


def test_excessive_force_and_coups():
    events = events_of("Politiet skjøt mot demonstrantene i hovedstaden. Militærkuppet i landet ble fordømt av FN.")
    assert "Excessive force against protesters" in coded(events)
    assert "Other" in coded(events)


def test_a_stop_verbs_subject_runs_the_event_it_stops():
    text = "Noreg vil ikkje stanse bombinga av Libya med jagarfly."
    [event] = [e for e in events_of(text, lang="nn") if e.sub_event_type]
    assert event.sub_event_type == "Air/drone strike"
    assert event.current  # "ikkje stanse" negates the stopping, not the bombing
    assert event.actor1.canonical_id == "military_forces_of_norway"


def test_modals_and_denials_reach_event_nouns_through_their_verbs():
    [future] = [
        e for e in events_of("Vi kan snart oppleve ei ny kidnapping av soldatar.", lang="nn") if e.sub_event_type
    ]
    [denied] = [e for e in events_of("Koalisjonen avviser at den har utført luftangrep i byen.") if e.sub_event_type]
    [copula] = [
        e for e in events_of("– Dette er ikke et militærkupp, sier talsmannen for soldatene.") if e.sub_event_type
    ]
    assert future.hypothetical and denied.negated and copula.negated


def test_history_carries_over_to_undated_sentences():
    text = (
        "Under andre verdenskrig var byen okkupert. Soldatene bombet havna og drepte mange sivile. "
        "I dag er det fred der."
    )
    events = [e for e in events_of(text, published="2016-12-11") if e.sub_event_type]
    assert events and all(e.historical for e in events)


def test_a_named_group_after_a_common_noun_is_the_actor():
    [event] = events_of("I 2014 kidnappet den islamistiske gruppen Boko Haram 276 skolejenter fra Chibok.")
    assert event.sub_event_type == "Abduction/forced disappearance" and event.actor1.canonical_id == "boko_haram"
    [event] = events_of("Væpnede menn bortførte over 300 jenter fra en skole.")  # "væpnede" is a conflict cue
    assert event.actor1.canonical_id == "unidentified_armed_group"


def test_a_pronoun_subject_in_reported_speech_is_the_speaker():
    [event] = events_of("FN-styrken Monusco sier at den har angrepet opprørernes stillinger med artilleri.")
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1.canonical_id == "united_nations"


def test_going_out_to_protest_is_protesting_and_planning_a_similar_attack_is_not_attacking():
    [protest] = events_of("Flere hundre studenter gikk onsdag ut i gatene for å protestere mot regjeringen.")
    assert protest.sub_event_type == "Peaceful protest" and protest.current
    [planned] = [
        e
        for e in events_of("Soldatene pågrep to opprørere mistenkt for å ha planlagt et lignende angrep.")
        if e.sub_event_type != "Arrests"
    ]
    assert planned.hypothetical


def test_agreements_coups_and_fights_against_an_armed_side():
    found = events_of("Regjeringen og ELN-geriljaen ble i forrige uke enige om å gjenoppta forhandlingene.")
    assert coded(found) == ["Agreement"]  # the talks themselves are PLOVER CONSULT
    assert events_of("Partiene ble enige om budsjettet.") == []  # no conflict in the sentence
    assert "Non-state actor overtakes territory" not in coded(events_of("Hæren tok makten i et kupp i fjor."))
    found = events_of(
        "RSF har teke kontroll over basen etter fleire dagar med harde kampar mot den sudanske hæren.", lang="nn"
    )
    assert coded(found) == ["Non-state actor overtakes territory", "Armed clash"]
    assert events_of("Partiet vil føre kamp mot korrupsjon.") == []


def test_a_present_passive_without_a_time_is_generic_and_counts_and_kinds_are_no_event():
    assert events_of("Et folk som bombes av motstanderen, vil støtte geriljaen.") == []
    assert coded(events_of("Byen bombes nå av russiske fly, sier soldater.")) == ["Air/drone strike"]
    assert events_of("Da økte antall angrep fra opprørerne mot soldatene kraftig.") == []


def test_explosions_heard_right_after_a_missile_strike_are_that_strike():
    text = (
        "Russiske styrker angrep Kharkiv med raketter natt til tirsdag .\n"
        "– Vi hørte tre kraftige smell , og så begynte blokka å brenne , sier en beboer til NRK ."
    )
    kinds = {e.sub_event_type for e in events_of(text)}
    assert kinds == {"Shelling/artillery/missile attack"}


def test_an_attack_named_by_its_day_is_the_event_told_for_that_day():
    import kilde

    text = (
        "En selvmordsbomber sprengte seg selv på et marked i Kabul torsdag kveld.\n"
        "Natt til fredag gjennomførte amerikanske fly et luftangrep mot en leir nær Kandahar.\n"
        "Presidenten kalte torsdagens angrep et feigt terrorangrep."
    )
    result = kilde.extract(text, published="2016-12-11", language="nb")
    named = [e for e in result.events if e.trigger and e.trigger.text == "angrep"]
    assert [e.sub_event_type for e in named] == ["Suicide bomb"]
    assert named[0].place.name == "Kabul"


def test_commentary_on_a_known_attack_gets_its_date_place_and_actor():
    import kilde

    text = (
        "Breivik skal forklare seg for retten neste uke.\n"
        "Et halvt år etter 22. juli er mange av de overlevende fra Utøya fortsatt preget.\n"
        "Terrorangrepene rystet hele landet, sier psykologen.\n"
        "Angrepene i Kabul samme uke fikk langt mindre oppmerksomhet."
    )
    result = kilde.extract(text, published="2012-01-20", language="nb")
    [known] = [e for e in result.events if e.trigger and e.trigger.text == "Terrorangrepene"]
    assert known.sub_event_type == "Attack"
    assert known.time.start.date().isoformat() == "2011-07-22"
    assert (known.place.name, known.place.country) == ("Oslo", "NO")
    assert known.actor1.canonical_id == "anders_behring_breivik"  # the article names him
    assert not known.historical  # half a year back is still news
    [kabul] = [e for e in result.events if e.trigger and e.trigger.text == "Angrepene"]
    assert kabul.place.name == "Kabul"  # a place of its own right after the trigger: another attack


def test_a_known_attack_told_years_later_is_history():
    import kilde

    result = kilde.extract(
        "Ti år etter terrorangrepet på Utøya minnes ofrene i hele landet.", published="2021-07-22", language="nb"
    )
    [event] = [e for e in result.events if e.sub_event_type]
    assert event.place.name == "Utøya"
    assert event.historical and not event.current
    assert event.actor1 is None  # the text does not name who did it


def test_an_armed_group_beside_a_bombing_is_context_and_claims_it():
    import kilde

    text = (
        "En bilbombe eksploderte utenfor et hotell i Mogadishu søndag.\n"
        "Terrorgruppen al-Shabaab har i ettertid tatt på seg ansvaret for angrepet."
    )
    events = kilde.extract(text, published="2023-01-01", language="nb").events
    assert [(e.trigger.text, e.sub_event_type) for e in events] == [
        ("bilbombe", "Remote explosive/landmine/IED"),
        ("angrepet", "Remote explosive/landmine/IED"),
    ]
    assert events[1].actor1.canonical_id == "al_shabaab"  # who claims the attack did it


def test_a_gang_bombing_is_crime_not_conflict():
    import kilde

    text = (
        "En bilbombe eksploderte utenfor et utested i Malmö natt til søndag.\n"
        "Politiet mistenker at eksplosjonen har sammenheng med en gjengkonflikt."
    )
    assert kilde.extract(text, published="2023-01-01", language="nb").events == []


def test_fighting_between_two_sides_names_both():
    import kilde

    text = "Det har vært harde kamper mellom den sudanske hæren og RSF i Khartoum i helgen."
    [event] = kilde.extract(text, published="2023-05-01", language="nb").events
    assert event.sub_event_type == "Armed clash"
    assert (event.actor1.canonical_id, event.actor2.canonical_id) == ("military_forces_of_sudan", "rsf")


def test_a_count_that_looks_like_a_year_does_not_date_the_event():
    import kilde

    text = "Soldatene angrep landsbyen i Kandahar, og opp mot 2000 mennesker har flyktet."
    [event] = kilde.extract(text, published="2012-01-09", language="nb").events
    assert event.time.text != "2000" and not event.historical


def test_an_attack_told_again_with_only_its_country_stays_in_its_town():
    import kilde

    text = (
        "Militante angrep en militærleir i Diffa natt til tirsdag, og minst 20 soldater ble drept.\n"
        "Det er det mest dødelige angrepet på hæren i Niger på flere år."
    )
    events = kilde.extract(text, published="2016-12-11", language="nb").events
    assert [(e.place.name, e.place.precision) for e in events] == [("Diffa", "exact"), ("Diffa", "exact")]


def test_the_armed_subject_of_a_clause_fought_the_armed_side_of_kampar_mot():
    import kilde

    text = (
        "Den paramilitære styrken RSF har teke kontroll over militærbasen i Nyala etter fleire dagar med harde "
        "kampar mot den sudanske hæren."
    )
    events = kilde.extract(text, published="2023-11-10", language="nn").events
    [clash] = [e for e in events if e.sub_event_type == "Armed clash"]
    assert (clash.actor1.canonical_id, clash.actor2.canonical_id) == ("rsf", "military_forces_of_sudan")


def test_a_known_attack_is_real_under_any_modal():
    import kilde

    text = "I retten sa Breivik at han ikke kan straffes for terrorangrepene mot regjeringskvartalet og Utøya."
    [event] = kilde.extract(text, published="2012-04-17", language="nb").events
    assert (event.sub_event_type, event.place.name) == ("Attack", "Oslo")
    assert not (event.negated or event.hypothetical or event.historical)


def test_the_agreement_told_again_is_a_mention_but_any_other_contract_is_not():
    import kilde

    told = (
        "Regjeringen og opprørerne undertegnet en fredsavtale i Havanna onsdag.\n"
        "Avtalen skal sikre at geriljaen legger ned våpnene innen seks måneder."
    )
    events = kilde.extract(told, published="2016-09-30", language="nb").events
    assert [(e.trigger.text, e.sub_event_type, e.current) for e in events][-1] == ("Avtalen", "Agreement", True)
    assert events[-1].place == events[0].place and events[-1].time == events[0].time  # the same agreement
    contract = "Kommunen har sagt opp avtalen med renholdsfirmaet etter klager fra skolene."
    assert kilde.extract(contract, published="2016-09-30", language="nb").events == []


def test_an_aircraft_fired_on_from_the_ground_is_a_firefight():
    assert coded(events_of("Opprørerne angrep helikopteret fra bakken like etter landing i Kindu.")) == ["Armed clash"]
    assert coded(events_of("Helikopteret ble beskutt av opprørere like etter landing i Kindu.")) == ["Armed clash"]
    assert coded(events_of("Russiske kamphelikopter angrep opprørernes stillinger i natt.")) == ["Air/drone strike"]
    assert coded(events_of("Russiske helikoptre beskjøt opprørernes stillinger i natt.")) == [
        "Shelling/artillery/missile attack"
    ]


def test_an_agreement_told_with_no_place_is_placed_at_the_country_not_the_last_town():
    import kilde

    text = (
        "FARC-geriljaen angrep en politistasjon i Neiva tirsdag.\n"
        "Onsdag ble regjeringen og FARC enige om å gjenoppta fredsforhandlingene."
    )
    events = kilde.extract(text, published="2019-05-10", language="nb").events
    agreement = next(e for e in events if e.sub_event_type == "Agreement")
    assert (agreement.place.name, agreement.place.precision, agreement.place.geo_precision) == (
        "Colombia",
        "country",
        3,
    )


def test_a_beating_is_crime_unless_politics_surround_it():
    import kilde

    crime = "En mann ble overfalt og ranet i Bergen sentrum natt til søndag, opplyser politiet."
    assert kilde.extract(crime, published="2012-02-09", language="nb").events == []
    political = "Politiet undersøker om overfallet på debattanten i Bergen var politisk motivert."
    assert coded(kilde.extract(political, published="2012-02-09", language="nb").events) == ["Attack"]


def test_nynorsk_trua_is_faith_after_mista_and_a_threat_with_med():
    faith = events_of("Folk har mista trua på klimapolitikken, seier statsministeren.", lang="nn")
    assert [e.plover_category for e in faith] == []
    threat = events_of("Regjeringa trua med sanksjonar mot Iran.", lang="nn")
    assert "THREATEN" in [e.plover_category for e in threat]


def test_a_street_or_lake_the_gazetteer_lacks_gives_way_to_its_town():
    import kilde

    text = (
        "Den politiske aktivisten ble skamslått i Bergen etter å ha debattert innvandring.\n"
        "Tre maskerte menn overfalt aktivisten på Kirkestien sent på kvelden, sier politiet."
    )
    result = kilde.extract(text, published="2012-02-09", language="nb")
    [street] = [e for e in result.events if e.trigger and e.trigger.text == "overfalt"]
    assert street.place.name == "Bergen"  # ACLED codes a site inside a town to the town


def test_a_definite_noun_names_the_event_of_its_kind_told_before():
    import kilde

    text = (
        "Den politiske aktivisten ble skamslått i Bergen etter å ha debattert innvandring.\n"
        "Overfallet har vært diskutert på politiske nettsteder både i Norge og utlandet.\n"
        "Journalisten spurte om hun hadde noen rolle i overfallet."
    )
    result = kilde.extract(text, published="2012-02-09", language="nb")
    again = [e for e in result.events if e.trigger and e.trigger.text.lower() == "overfallet"]
    assert len(again) == 2
    assert all(e.place.name == "Bergen" for e in again)  # where it happened, not where it is discussed
    assert all(e.current for e in again)  # "spurte om ... overfallet" presupposes it happened


def test_a_part_of_a_known_attack_is_told_by_what_happened_there():
    import kilde

    text = (
        "Breivik skal forklare seg for retten neste uke.\n"
        "Ingen har glemt 22. juli.\n"
        "Massakren rystet hele landet, sier psykologen."
    )
    result = kilde.extract(text, published="2012-01-20", language="nb")
    [massacre] = [e for e in result.events if e.trigger and e.trigger.text == "Massakren"]
    assert massacre.place.name == "Utøya"


def test_the_blamed_party_is_the_actor_of_violence_with_none_named():
    import kilde

    text = (
        "Houthi-opprørernes helsedepartement gir den saudiledede koalisjonen skylden og hevder at kampfly bombet "
        "området i Hodeida torsdag."
    )
    [strike] = kilde.extract(text, published="2018-08-02", language="nb").events
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.actor1.canonical_id == "saudi_led_coalition"


def test_fire_opened_or_taken_is_told_by_whom_it_hits():
    import kilde

    text = (
        "Protestene i Iran fortsetter.\n"
        "I Kurdistan-provinsen skal sikkerhetsstyrker ha åpnet ild mot demonstranter i byen Saqqez.\n"
        "Opprørerne angrep konvoien i Kongo, og helikopteret ble truffet av piler."
    )
    events = kilde.extract(text, published="2022-09-22", language="nb").events
    [fired] = with_trigger(events, "åpnet ild")
    assert fired.sub_event_type == "Excessive force against protesters"
    assert fired.actor1.canonical_id == "military_forces_of_iran"  # lethal force: the force that used it is actor1
    assert fired.actor2.canonical_id == "protesters"
    assert "Armed clash" in coded(e for e in events if e.trigger and e.trigger.text.startswith("truffet"))


def test_a_definite_noun_is_told_when_its_event_was_not_when_the_background_before_it_was():
    import kilde

    text = (
        "Minst 100 mennesker ble drept da militærjuntaens fly bombet et folkemøte i landsbyen Pazigyi tirsdag.\n"
        "Hæren tok makten i et kupp i februar 2021.\n"
        "FN og EU har fordømt angrepet."
    )
    events = kilde.extract(text, published="2023-04-12", language="nb").events
    [named] = with_trigger(events, "angrepet")
    assert named.sub_event_type == "Air/drone strike"
    assert named.current


def test_where_a_sentence_says_an_event_was_beats_where_the_last_one_was():
    import kilde

    text = (
        "Den maliske hæren meldte fredag at den hadde gjenerobret landsbyen Boulkessi etter harde kamper med "
        "jihadister.\n"
        "I nabolandet Burkina Faso ble en tysk bistandsarbeider bortført av ukjente gjerningsmenn natt til torsdag.\n"
        "Konflikten i Mali startet i 2012, da tuaregopprørere og islamister tok kontroll over den nordlige delen av "
        "landet.\n"
        "Regjeringsstyrkene tok i oktober kontroll over byen Shire.\n"
        "I august drepte et etiopisk droneangrep minst sju mennesker, flere av dem barn, på en lekeplass i Mekelle."
    )
    events = {e.trigger.text: e for e in kilde.extract(text, published="2021-10-09", language="nb").events}
    assert events["bortført"].place.name == "Burkina Faso"  # "nabolandet X": a place, not an actor
    # History told after today's news: its country, not the town of the last event told
    assert events["tok kontroll"].historical and events["tok kontroll"].place.name == "Mali"
    assert "Mek" in events["droneangrep"].place.name  # a town named past a comma, not the last event's


def test_an_officer_acts_for_his_countrys_armed_forces():
    import kilde

    text = "Kaptein Sanogo gjennomførte kuppet mot den sittende presidenten Amadou Toure i Mali."
    [coup] = kilde.extract(text, published="2012-12-11", language="nb").events
    assert coup.sub_event_type == "Other"
    assert coup.actor1.canonical_id == "military_forces_of_mali"
    assert coup.actor1.text == "Kaptein Sanogo"  # the text still names the man


def test_a_claim_of_responsibility_names_the_main_attack_not_the_siege_after_it():
    import kilde

    text = (
        "Minst 15 mennesker ble drept da en selvmordsbomber sprengte seg selv utenfor en restaurant i Mogadishu.\n"
        "Etter eksplosjonen stormet flere væpnede menn inn i restauranten og åpnet ild mot gjestene.\n"
        "Sikkerhetsstyrkene avsluttet beleiringen etter ti timer med skuddveksling.\n"
        "Al-Shabaab har tatt på seg ansvaret for angrepet."
    )
    events = kilde.extract(text, published="2019-03-01", language="nb").events
    [claimed] = with_trigger(events, "angrepet")
    assert claimed.sub_event_type == "Suicide bomb"
    assert claimed.actor1.canonical_id == "al_shabaab"
    stormed = [e for e in events if e.trigger and e.trigger.text in ("stormet", "åpnet ild")]
    assert {e.sub_event_type for e in stormed} == {"Attack"}  # gunmen storming a restaurant attack its guests


def test_fighting_told_without_its_actor_in_a_story_of_one_armed_side_is_that_sides():
    import kilde

    text = (
        "Opprørerne i Kongo rykket mot misjonsstasjonen.\n"
        "En politisersjant ble truffet av en pil i armen under evakueringen."
    )
    events = kilde.extract(text, published="2012-11-11", language="nb").events
    [hit] = [e for e in events if e.trigger.text.startswith("truffet")]
    assert hit.actor1.canonical_id == "rebels"


def test_a_named_part_of_a_town_is_the_events_place_at_the_towns_coordinates():
    import kilde

    text = (
        "Irakiske spesialstyrker har tatt seg inn i selve byen Mosul, opplyser den irakiske hæren.\n"
        "Styrkene rykket torsdag morgen inn i bydelen Gogjali i den østlige utkanten av byen.\n"
        "Det er uklart hvor mange som er drept i kampene."
    )
    events = {e.trigger.text.split()[0]: e for e in kilde.extract(text, published="2016-11-03", language="nb").events}
    mosul, part, fighting = events["tatt"].place, events["rykket"].place, events["kampene"].place
    assert part.name == "Gogjali" and part.geo_precision == 1
    assert (part.latitude, part.longitude) == (mosul.latitude, mosul.longitude)
    assert fighting.name == mosul.name  # later sentences are told of the town


def test_a_political_murder_is_an_attack_dated_by_a_later_mention():
    import kilde

    text = (
        "Få ting har opprørt så mange som det første rasistiske mordet i Norge etter krigen.\n"
        "Programlederen leste opp detaljene fra mordnatta 26. januar 2001, da to nynazister knivstakk gutten."
    )
    events = kilde.extract(text, published="2002-11-14", language="nb").events
    murders = [e for e in events if e.sub_event_type == "Attack"]
    assert len(murders) == 2
    assert all(e.historical for e in murders)  # the first mention has no date of its own: the second dates it


def test_annexation_is_a_non_violent_transfer_and_taking_a_capital_a_takeover():
    import kilde

    text = (
        "Russland annekterte Krim i 2014 og gikk til krig mot hele Ukraina i februar 2022.\n"
        "Houthi-opprørerne tok hovedstaden Sanaa i 2014."
    )
    events = kilde.extract(text, published="2023-05-30", language="nb").events
    assert {"Non-violent transfer of territory", "Non-state actor overtakes territory"} <= set(coded(events))


def test_one_of_world_historys_most_famous_attacks_is_history():
    import kilde

    text = "Her ble Cæsar utsatt for et av verdenshistoriens mest berømte attentater under krigen, sier guiden."
    events = kilde.extract(text, published="2008-12-10", language="nb").events
    assert events and all(not e.current for e in events)


def test_the_killing_of_a_named_person_in_political_writing_is_an_attack_dated_even_before_christ():
    import kilde

    text = "Onsdag var det 2050 år siden drapet på Cæsar, verdens mest kjente politiske mord."
    [murder] = with_trigger(kilde.extract(text, published="2008-12-10", language="nb").events, "drapet")
    assert murder.sub_event_type == "Attack"
    assert murder.historical  # "2050 år siden" is a year no datetime holds, and still dates it


def test_demonstrating_a_policy_and_storm_damage_are_no_events():
    import kilde

    text = (
        "Statssekretæren har demonstrert rødgrønn politikk kraftfullt ved å invitere flåten hjem.\n"
        "Det falt fortsatt styrtregn over de hardest rammede områdene, der ødelagt infrastruktur hindret hjelpen.\n"
        "Onsdag kveld demonstrerte tusenvis av studenter mot regjeringen i sentrum av Teheran."
    )
    events = kilde.extract(text, published="2012-01-01", language="nb").events
    assert coded(events) == ["Peaceful protest"]  # only the students' protest: no direct object, no storm


def test_the_attack_on_a_town_is_the_leads_attack_on_it_not_the_air_strike_told_since():
    import kilde

    text = (
        "Taliban-krigere angrep byen Farah vest i Afghanistan natt til tirsdag.\n"
        "Det var skyting i alle gatene, sier en butikkeier.\n"
        "Amerikanske fly skal ha gjennomført flere luftangrep mot Taliban-stillinger rundt byen.\n"
        "Angrepet på Farah kommer bare uker etter at Taliban kunngjorde sin årlige våroffensiv."
    )
    [named] = with_trigger(kilde.extract(text, published="2018-05-16", language="nb").events, "Angrepet")
    assert named.sub_event_type == "Armed clash"


def test_drones_or_rockets_that_hit_were_fired():
    import kilde

    text = (
        "Minst 12 sivile ble drept da russiske droner traff et boligområde i Odesa natt til lørdag.\n"
        "En rakett slo ned i sentrum av Kharkiv i går, og krigen fortsetter."
    )
    events = kilde.extract(text, published="2024-03-10", language="nb").events
    assert coded(events) == ["Air/drone strike", "Shelling/artillery/missile attack"]
    assert events[0].actor1.canonical_id == "russian_military" and events[0].fatalities_best == 12


def test_opinions_deals_strikes_collisions_and_lists_of_kinds_are_no_events():
    import kilde

    text = (
        "Han er enig med LO i mange avgjørende spørsmål.\n"
        "Plateselskapet signerte i går en avtale med Sony.\n"
        "32 ansatte ved sykehuset blir tatt ut i streik tirsdag dersom forhandlingene bryter sammen.\n"
        "Jenta traff det ene hjulet, og bilen fikk en bulk i sammenstøtet.\n"
        "Boka guider leseren gjennom tre tusen år med krig, ødeleggelse, massakrer og voldtekter."
    )
    assert coded(kilde.extract(text, published="2010-06-20", language="nb").events) == []


def test_a_real_protest_clash_and_peace_deal_still_count():
    import kilde

    text = (
        "Regjeringen og opprørerne signerte fredsavtalen i Bogotá mandag.\n"
        "Det oppsto sammenstøt mellom politiet og demonstrantene utenfor parlamentet i Kiev."
    )
    codes = coded(kilde.extract(text, published="2016-09-27", language="nb").events)
    assert "Agreement" in codes and "Protest with intervention" in codes


def test_a_story_about_a_killing_and_a_match_report_are_no_events():
    film = (
        "Regissøren har bestemt at den neste filmen skal handle om noe helt annet, nemlig et drap.\n"
        "Filmen får premiere til høsten."
    )
    assert coded(events_of(film)) == []
    match = (
        "Seljord vant cupfinalen etter en spennende kamp.\n"
        "Laget kom gjennom forsvaret til Kviteseid og utlignet etter ti minutter.\n"
        "Kviteseid kom med flere gode angrep, men målvakta sto støtt.\n"
        "Semifinalen ble avgjort på straffer, og uavgjort holdt ikke."
    )
    assert coded(events_of(match)) == []


def test_a_case_about_an_assault_is_still_an_assault():
    text = (
        "Journalisten ble angrepet av nynazister i Bergen etter å ha skrevet om innvandringspolitikk.\n"
        "Politiet etterforsker to saker. Den ene dreier seg om et overfall, den andre om en trussel fra en nynazist."
    )
    assert with_trigger(events_of(text), "overfall")


def test_the_country_named_again_keeps_the_town_of_the_event_before():
    text = (
        "Opprørere angrep en misjonsstasjon i Kananga søndag.\n"
        "Senere skjøt opprørere i Kongo mot et FN-helikopter som landet for å hente nonner."
    )
    import kilde

    [shot] = with_trigger(kilde.extract(text, published="2012-11-11", language="nb").events, "skjøt")
    assert shot.place.name == "Kananga"


def test_one_unarmed_person_shot_is_an_attack_a_soldier_shot_a_clash():
    import kilde

    person = kilde.extract("Opprørerne tok byen. Gaddafi ble skutt i Sirte torsdag.", published="2011-10-21").events
    soldier = kilde.extract("Opprørerne tok byen. En soldat ble skutt i Sirte torsdag.", published="2011-10-21").events
    assert [e.sub_event_type for e in with_trigger(person, "skutt")] == ["Attack"]
    assert [e.sub_event_type for e in with_trigger(soldier, "skutt")] == ["Armed clash"]


def test_charged_with_having_done_it_is_real_and_the_killings_named_again_count():
    import kilde

    text = (
        "Terroristen er sikta for å ha sprengt regjeringskvartalet og avretta 69 ungdommar på Utøya.\n"
        "Han ventar å verte funnen skuldig i drapa.\n"
        "Terroraksjonen var det verste åtaket på sivile i Noreg sidan krigen, og terroristen kalla han ein krig."
    )
    events = kilde.extract(text, published="2011-07-25", language="nn").events
    [bomb] = with_trigger(events, "sprengt")
    [shooting] = with_trigger(events, "avretta")
    assert not bomb.hypothetical and bomb.place.name == "Oslo"
    assert shooting.sub_event_type == "Attack" and shooting.place.name == "Utøya"
    assert [e.sub_event_type for e in with_trigger(events, "drapa")] == ["Attack"]


def test_a_deed_named_again_is_dated_by_the_later_naming_across_a_far_relative_time():
    import kilde

    text = (
        "Få ting har opprørt så mange som det første rasistiske mordet i Norge, begått av to nynazister.\n"
        "Fra å bli demonisert av mediene under politijakten etter drapet, til å bli ynket under rettssaken, "
        "stod Jahr sist uke fram på fjernsynet som en sympatisk gutt.\n"
        "Programlederen leste opp detaljene fra mordnatten 26. januar 2001."
    )
    events = [e for e in kilde.extract(text, published="2002-11-14", language="nb").events if e.sub_event_type]
    assert [e.trigger.text for e in events] == ["mordet", "drapet", "mordnatten"]
    assert all(e.historical and not e.current for e in events)


def test_figurative_attacks_kinds_in_a_list_and_may_68_are_no_current_events():
    import kilde

    text = (
        "Høyresiden mener at prisen ikke er annet enn et nytt angrep på Bush.\n"
        "Boka guider leseren gjennom tre tusen år med krig, ødeleggelse, plyndring, massakrer og voldtekter.\n"
        "Lederen av studentopprøret i Paris i mai 68 sa i kveld at han støtter Joly."
    )
    events = kilde.extract(text, published="2009-10-10", language="nb").events
    assert [e.sub_event_type for e in events if e.sub_event_type and e.current] == []
    [revolt] = [e for e in events if e.sub_event_type]
    assert revolt.historical


def test_a_killing_compound_is_an_attack_but_a_theory_of_it_or_a_suicide_is_not():
    import kilde

    real = "Tyrannmordet ble den uverdige slutten for diktatoren Gaddafi i Sirte, skutt av opprørere."
    idea = "Drapet minner om den gamle teorien om tyrannmordet, som opprørere og diktatorer har diskutert."
    suicide = "Selvmordet til den unge soldaten sjokkerte regimet og opprørerne."
    assert "Attack" in coded(kilde.extract(real, published="2011-11-25", language="nb").events)
    assert not with_trigger(kilde.extract(idea, published="2011-11-25", language="nb").events, "tyrannmordet")
    assert coded(kilde.extract(suicide, published="2011-11-25", language="nb").events) == []


def test_the_only_armed_side_of_a_story_fires_the_shots_told_sentences_later():
    import kilde

    text = (
        "Opprørerne rykket fram mot misjonsstasjonen i Kwilu.\n"
        "Nonnene og barna ventet i kirken.\n"
        "Pilotene landet helikopteret på en jorde like ved.\n"
        "De løp ut for å hente barna.\n"
        "Motoren gikk hele tiden.\n"
        "Helikopteret ble beskutt med piler og geværer da det lettet."
    )
    [shots] = with_trigger(kilde.extract(text, published="1964-02-01", language="nb").events, "beskutt")
    assert shots.actor1 is not None and shots.actor1.actor_type == "Rebels"


def test_killings_told_after_a_district_is_named_are_placed_there_not_in_the_country():
    import kilde

    text = (
        "Opprøret i Kongo spredte seg i 1964, og FN sendte helikoptre.\n"
        "Nødmeldinger fra en misjonsstasjon i Kwilu tikket inn til FN-basen.\n"
        "Tre prester var blitt drept av opprørerne."
    )
    [killed] = with_trigger(kilde.extract(text, published="2012-11-11", language="nb").events, "drept")
    assert killed.place.name == "Kwilu"


def test_a_named_man_killed_in_a_war_story_is_an_attack_on_him():
    import kilde

    text = "At Gaddafi no er drepen, er ikkje noko argument for å rettferdiggjera krigen i Libya."
    events = kilde.extract(text, published="2011-10-28", language="nn").events
    assert [e.sub_event_type for e in with_trigger(events, "drepen")] == ["Attack"]


def test_a_rally_is_a_protest_a_commemoration_or_a_characterisation_is_not():
    import kilde

    rally = "Markering i Florø samla 150 støttespelarar.\nDei samla seg på torget med krav om at niåringen skal få bli."
    day = "Turistane fekk ei harmlaus markering av dagen ved tempelruinene, med krans og religiøse songar."
    said = "Det var å invadere landet, og det er ikkje rett, seier ho om forslaget frå naboen."
    assert coded(kilde.extract(rally, published="2010-03-25", language="nn").events) == ["Peaceful protest"] * 2
    assert coded(kilde.extract(day, published="2010-03-15", language="nn").events) == []
    assert coded(kilde.extract(said, published="2010-03-15", language="nn").events) == []


def test_the_events_of_a_known_day_are_that_attack_plain_events_are_nothing():
    import kilde

    named = "Er hendelsene 22. juli skrevet inn i romanen?"
    plain = "Hendelsene på møtet i går skapte debatt i partiet."
    [attack] = [e for e in kilde.extract(named, published="2011-08-26", language="nb").events if e.sub_event_type]
    assert attack.sub_event_type == "Attack" and attack.place.name in ("Oslo", "Utøya")
    assert coded(kilde.extract(plain, published="2011-08-26", language="nb").events) == []


def test_a_town_with_an_arabic_article_ypg_militias_and_a_protested_offensive():
    import kilde

    text = (
        "Tyrkiske styrker angrep kurdiske YPG-militser i byen Ras al-Ain nord i Syria søndag.\n"
        "Tusenvis demonstrerte mot offensiven i Berlin lørdag."
    )
    events = kilde.extract(text, published="2019-10-14", language="nb").events
    [attack] = with_trigger(events, "angrep")
    assert attack.place.name == "Ras al-Ain"
    assert attack.actor2 is not None and attack.actor2.canonical_id == "kurdish_forces"
    assert not with_trigger(events, "offensiven")


def test_a_crowd_that_gathers_with_a_demand_protests_one_that_watches_does_not():
    import kilde

    rally = "Drygt 150 menneske samla seg på torget i Florø torsdag med krav om at niåringen skal få bli i Noreg."
    show = "Nærare 1.500 møtte opp for å sjå verdsmeisteren i aksjon på vatnet i Vinje."
    assert coded(kilde.extract(rally, published="2010-03-25", language="nn").events) == ["Peaceful protest"]
    assert coded(kilde.extract(show, published="2010-03-25", language="nn").events) == []


def test_a_comparison_since_an_old_year_does_not_date_the_event_and_the_toll_is_its_fatalities():
    import kilde

    text = (
        "Tusenvis av iranere gikk ut i gatene i Teheran natt til mandag for å protestere mot Mahsa Aminis død.\n"
        "Sikkerhetsstyrkene skjøt med skarp ammunisjon mot demonstrantene, og minst fem personer ble drept.\n"
        "Protestene er de største siden uroen etter presidentvalget i 2009."
    )
    events = kilde.extract(text, published="2022-09-19", language="nb").events
    [force] = with_trigger(events, "skjøt")
    [named] = with_trigger(events, "Protestene")
    assert force.fatalities_best == 5
    assert named.current and not named.historical


def test_a_verb_the_tagger_reads_as_a_noun_between_subject_and_object_is_a_verb():
    from kilde.events.text import Tok, misread_verb

    def tok(text: str, pos: str) -> Tok:
        return Tok(i=0, text=text, lower=text.lower(), start=0, end=len(text), pos=pos)

    adj, forces_as_verb, attack = tok("Tyrkiske", "ADJ"), tok("styrker", "VERB"), tok("angrep", "NOUN")
    assert misread_verb(attack, forces_as_verb, adj, tok("kurdiske", "ADJ"))  # "Tyrkiske styrker angrep kurdiske"
    assert misread_verb(attack, tok("fly", "NOUN"), adj, tok("Gaza", "PROPN"))  # "Israelske fly angrep Gaza"
    assert not misread_verb(attack, tok("et", "DET"), None, tok("på", "ADP"))  # "et angrep på"
    assert not misread_verb(attack, tok("nye", "ADJ"), None, tok("Gaza", "PROPN"))  # "nye angrep"
    assert not misread_verb(attack, tok("gjennomførte", "VERB"), tok("de", "PRON"), tok("natt", "NOUN"))
    assert not misread_verb(attack, tok("Israels", "PROPN"), None, tok("har", "AUX"))  # a genitive


def test_forces_that_attack_a_named_enemy_are_the_attackers_whatever_the_tagger_reads():
    import kilde

    for text, actor2 in (
        ("Franske styrker angrep islamistene i Mali.", "Islamist militias"),
        ("Irakiske styrker angrep IS i Mosul.", "Islamic State"),
    ):
        [event] = kilde.extract(text, published="2016-11-03", language="nb").events
        assert event.actor1.canonical_name.startswith("Military Forces of") and event.actor2.canonical_name == actor2
