"""The sections of the project page. Each module gives its section's template context, `context(request, project,
...) -> dict` with keys prefixed by the section's name, and has a template development/sections/<module>.html.
Sections only read (through selectors and the policy); the views that receive their forms are the modules of the
same name one level up, and views/project_page.py puts the sections together. Sections import no views.
"""
