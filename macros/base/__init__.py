"""Layer 1, base: what every other layer leans on and that leans on nothing of the guide's:
located errors and suggestions, bounds on what data may ask for, reading and writing only
inside the project, CSS strings and colors."""
