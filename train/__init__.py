"""Training of the claim verifier (kept out of the ``factcheck`` package: importing the library never imports
torch training code). See ``models/verifier/MODEL_CARD.md`` for the data, the recipe and the scores."""
