"""Attribution rules for the ``claimx_claims`` component: quote marks, cues and content."""
