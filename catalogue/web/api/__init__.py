"""Open data: the JSON API with its OpenAPI document, whole-catalogue exports and Atom feeds."""
