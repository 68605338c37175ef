from django.urls import path

from .views import plans, tasks

app_name = "workplan"
urlpatterns = [
    path("", plans.index, name="index"),
    path("import/", plans.import_view, name="import"),
    path("mine/", tasks.mine, name="mine"),
    path("<int:year>/", plans.plan, name="plan"),
    path("<int:year>/progress/", plans.progress, name="progress"),
    path("<int:year>/overdue/", plans.overdue, name="overdue"),
    path("<int:year>/summary.xlsx", plans.summary_xlsx, name="summary_xlsx"),
    path("<int:year>/summary.pdf", plans.summary_pdf, name="summary_pdf"),
    path("tasks/<int:task_id>/", tasks.detail, name="task"),
    path("tasks/<int:task_id>/report/", tasks.report, name="report"),
    path("tasks/<int:task_id>/move/", tasks.move, name="move"),
    path("tasks/<int:task_id>/assign/", tasks.assign, name="assign"),
    path("tasks/<int:task_id>/evidence/", tasks.evidence, name="evidence"),
]
