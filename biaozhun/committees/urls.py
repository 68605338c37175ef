from django.urls import path

from . import views
from .applications import views as applications

app_name = "committees"
urlpatterns = [
    path("", views.committee_list, name="list"),
    path("applications/", applications.notices, name="notices"),
    path("applications/new/", applications.apply, name="apply"),
    path("applications/mine/", applications.mine, name="mine"),
    path("applications/queue/", applications.queue, name="queue"),
    path("applications/<int:application_pk>/", applications.detail, name="application"),
    path("applications/<int:application_pk>/edit/", applications.edit, name="application_edit"),
    path("applications/<int:application_pk>/submit/", applications.submit, name="application_submit"),
    path("applications/<int:application_pk>/withdraw/", applications.withdraw, name="application_withdraw"),
    path("applications/<int:application_pk>/comment/", applications.comment, name="application_comment"),
    path("applications/<int:application_pk>/notice/", applications.open_notice, name="application_notice"),
    path("applications/<int:application_pk>/decide/", applications.decide, name="application_decide"),
    # A committee's own pages: its code holds slashes ("SAC/TC 28/SC 1"), so "/-/" marks where it ends.
    path("<path:code>/-/change/", applications.propose_change, name="propose_change"),
    path("<path:code>/-/terms/", views.term_page, name="terms"),
    path("<path:code>/-/contacts/", views.contacts, name="contacts"),
    path("<path:code>/", views.committee_detail, name="detail"),
]
