"""The API's route groups, one module each, all under ``/api/v1``."""
