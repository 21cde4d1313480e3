"""Per-site moderation policy: the rules (pure), where they are kept, and the jobs that apply them."""
