"""claimx's spaCy components, one module per factory.

Importing this package registers the factories (they are also declared as
``spacy_factories`` entry points, so ``nlp.add_pipe("claimx_dates")`` works
in any spaCy pipeline once claimx is installed).
"""

from claimx.components import (  # noqa: F401  (imported to register the factories)
    agreements,
    casualties,
    claims,
    dates,
    entities,
    figures,
)
from claimx.components.extensions import register_extensions

register_extensions()

COMPONENT_NAMES = (
    "claimx_entities",
    "claimx_dates",
    "claimx_figures",
    "claimx_claims",
    "claimx_casualties",
    "claimx_agreements",
)
