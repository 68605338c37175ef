from django.urls import path

from .views import applying, authority, public

app_name = "programmes"
urlpatterns = [
    path("", public.index, name="index"),
    path("<int:programme_id>/", public.programme, name="programme"),
    path("<int:programme_id>/apply/", applying.apply, name="apply"),
    path("<int:programme_id>/move/", authority.programme_move, name="programme_move"),
    path("pilots/", public.pilots, name="pilots"),
    path("pilots/grid/", public.grid, name="grid"),
    path("pilots.xlsx", public.pilots_xlsx, name="pilots_xlsx"),
    path("pilots/<int:pilot_id>/", public.pilot, name="pilot"),
    path("pilots/<int:pilot_id>/evaluate/", authority.evaluation_open, name="evaluation_open"),
    path("pilots/<int:pilot_id>/evidence/", authority.evidence_add, name="evidence_add"),
    path("mine/", applying.mine, name="mine"),
    path("work/", authority.work, name="work"),
    path("applications/<int:pilot_application_id>/", applying.application, name="application"),
    path("applications/<int:pilot_application_id>/withdraw/", applying.withdraw, name="withdraw"),
    path("applications/<int:pilot_application_id>/review/", authority.review, name="review"),
    path("attachments/<int:pilot_attachment_id>/", applying.attachment, name="attachment"),
    path("evaluations/<int:evaluation_id>/", authority.evaluation, name="evaluation"),
    path("evaluations/<int:evaluation_id>/score/", authority.evaluation_score, name="evaluation_score"),
    path("evaluations/<int:evaluation_id>/conclude/", authority.evaluation_conclude, name="evaluation_conclude"),
]
