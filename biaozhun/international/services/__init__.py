"""The app's services (every write), one module or package per part."""
