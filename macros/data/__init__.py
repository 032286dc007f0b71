"""Layer 4, data: data/*.yml loaded with the line of every value, validated into models,
checked across files, translated, and gathered into one project (project.py)."""
