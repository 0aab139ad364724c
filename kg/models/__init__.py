"""kg's trained pipelines (``parser/``), their training configs and the command that trains them
(``python -m kg.models.train``). Importing this package does no work; :mod:`kg.syntax` loads the models."""
