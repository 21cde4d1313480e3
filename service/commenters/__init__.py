"""Acting on commenters, not single comments: bans, suspensions, warnings, trust and notes per site."""
