from django.urls import path

from .views import item, reports, track, work

app_name = "feedback"
urlpatterns = [
    path("track/", track.track, name="track"),
    path("track/<str:number>/", track.track_verify, name="track_verify"),
    path("mine/", track.mine, name="mine"),
    path("queue/", work.queue, name="queue"),
    path("overview/", work.overview, name="overview"),
    path("standard/<path:identifier>", work.standard_feedback, name="standard"),
    path("statistics/", reports.statistics_page, name="statistics"),
    path("exports/", reports.export_list, name="exports"),
    path("exports/<int:subscription_id>.xlsx", reports.export_download, name="export_download"),
    path("interpretations/<int:interpretation_id>/withdraw/", item.interpretation_withdraw,
         name="interpretation_withdraw"),
    path("<str:number>/", item.item_page, name="item"),
    path("<str:number>/act/", item.act, name="act"),
    path("<str:number>/reassign/", item.reassign, name="reassign"),
    path("<str:number>/route/", item.route, name="route"),
    path("<str:number>/close/", item.close, name="close"),
    path("<str:number>/interpretation/", item.interpretation_publish, name="interpretation_publish"),
    path("<str:number>/attachments/<int:attachment_id>", item.attachment, name="attachment"),
]
