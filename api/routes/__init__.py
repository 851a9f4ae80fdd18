"""The service's routes, one module per concept: sources, claims, search, operations."""
