"""Output formats: `text` for people (rich, code frames aligned under CJK text) and `json`."""
