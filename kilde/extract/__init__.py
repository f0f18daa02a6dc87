"""Doc + Article -> Mention, Place, TimeSpan, Quantity, Claim: one module per record kind."""
