"""Import spaCy without letting thinc import torch.

thinc, spaCy's machine-learning library, imports torch as soon as it is installed (for its PyTorch wrappers,
which the small English pipeline never uses). torch is installed for the sentence-transformers embedder, so
every factcheck process paid about 2 s and 180 MB for it, and a service on the ONNX embedder could not run
without torch. Marking torch as absent while spaCy is first imported makes thinc skip it; afterwards torch
imports normally for whoever needs it. If torch is already loaded there is nothing to save and nothing is done.
"""

from __future__ import annotations

import sys

if "spacy" not in sys.modules and "torch" not in sys.modules:
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` now raises ImportError
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]
