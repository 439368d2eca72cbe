// Pipelines module.
