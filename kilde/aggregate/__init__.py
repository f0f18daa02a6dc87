"""Events of many articles -> merged events, reports and corroboration."""
