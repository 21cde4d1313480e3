"""Shadow mode: a candidate model scores every new comment beside the active one and decides nothing."""
