"""Development pages, one module per part of the work:

public      the project lists (正在起草 / 正在征求意见 / ...) and the project page, assembled from sections
documents   drafts and approval-package files: upload, versions, download
comments    the comment form, the secretariat's dispositions, the 意见汇总处理表 XLSX
ballots     opening a review ballot, voting, closing it, the tally
deadlines   extension requests and the reviewers' decisions
reviews     periodic review (复审): due and overdue lists per committee, conclusions
manage      the secretariat's controls on a project: moves, TBT notification, publication; proposing
dashboard   the secretariat dashboard and the national administration's reviewer queue

Each section module that adds to the project page has `detail_context(request, project) -> dict` and a
template `development/sections/<module>.html`; `urlpatterns` in each module is joined in ../urls.py.
"""
