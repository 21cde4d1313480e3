"""Term lists per site: banned terms (reject) and suspect terms (hold), matched on normalised whole words."""
