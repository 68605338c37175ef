"""Small shared pieces every app uses: the domain error base."""
