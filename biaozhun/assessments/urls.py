from django.urls import path

from .views import administration, assessment, reports

app_name = "assessments"
urlpatterns = [
    path("", administration.assessment_list, name="list"),
    path("run/", administration.run, name="run"),
    path("schemes/<int:year>/", administration.scheme, name="scheme"),
    path("mine/", reports.mine, name="mine"),
    path("reports/<int:committee_id>/<int:year>.xlsx", reports.report_xlsx, name="report_xlsx"),
    path("reports/<int:committee_id>/<int:year>.pdf", reports.report_pdf, name="report_pdf"),
    path("<int:assessment_id>/", assessment.detail, name="detail"),
    path("<int:assessment_id>/compute/", assessment.compute, name="compute"),
    path("<int:assessment_id>/score/", assessment.score, name="score"),
    path("<int:assessment_id>/finalise/", assessment.finalise, name="finalise"),
    path("<int:assessment_id>/decide/", assessment.decide, name="decide"),
    path("<int:assessment_id>/correction/", assessment.correction, name="correction"),
]
