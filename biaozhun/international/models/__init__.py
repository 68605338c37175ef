"""The app's models, one module per part."""
