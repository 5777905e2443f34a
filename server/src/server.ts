// Placeholder: the language server wiring.
