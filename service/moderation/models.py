"""Tables of the moderator workspace (accounts, tokens, actions, reports)."""
