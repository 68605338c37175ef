"""Development pages, one module per part of the work:

public        the project lists (正在起草 / 正在征求意见 / ...) and the project page
project_page  the one place that renders the project page, from its sections (sections/, which only give context)
documents     uploading and downloading drafts and approval-package files
comments      submitting a comment, the secretariat's disposition page, the 意见汇总处理表 XLSX
ballots       opening a review ballot, the ballot page, voting, recording meeting votes, closing it
deadlines     extension requests and the reviewers' decisions
reviews       periodic review (复审): due and overdue lists per committee, conclusions
manage        moves, TBT notification, publication; proposing
dashboard     the secretariat dashboard and the national administration's reviewer queue

A view is access → service or selector → respond: reads come from ../selectors.py, writes from ../services/, forms
from ../forms.py. Imports go one way: these modules → project_page → sections; `urlpatterns` in each module is
joined in ../urls.py.
"""
