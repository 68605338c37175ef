from django.urls import path

from .views import adoption as adoption_views
from .views import indicators, overview, participation, translations

app_name = "international"
urlpatterns: list = [path("", overview.index, name="index")]

# China's participation in ISO/IEC (views/participation.py)
urlpatterns += [
    path("participation/", participation.register, name="participation_register"),
    path("participation/committees/<int:international_id>/", participation.committee,
         name="participation_committee"),
    path("participation/posts/", participation.posts, name="participation_posts"),
    path("participation/work-items/", participation.work_items, name="participation_work_items"),
    path("participation/work-items/<int:work_item_id>/", participation.work_item, name="participation_work_item"),
    path("participation/work-items/<int:work_item_id>/stage/", participation.stage, name="participation_stage"),
    path("participation/ballots/", participation.ballots, name="participation_ballots"),
    path("participation/ballots/<int:international_ballot_id>/", participation.ballot, name="participation_ballot"),
    path("participation/ballots/<int:international_ballot_id>/vote/", participation.vote, name="participation_vote"),
]
urlpatterns += [
    path("translations/", translations.plan, name="translations_plan"),
    path("translations/new/", translations.create, name="translations_create"),
    path("translations/import/", translations.import_view, name="translations_import"),
    path("translations/template.xlsx", translations.template, name="translations_template"),
    path("translations/mine/", translations.mine, name="translations_mine"),
    path("translations/<int:translation_id>/", translations.detail, name="translations_detail"),
    path("translations/<int:translation_id>/move/", translations.move, name="translations_move"),
    path("translations/<int:translation_id>/publish/", translations.publish, name="translations_publish"),
]
urlpatterns += [
    path("indicators/", indicators.comparison_list, name="indicators_list"),
    path("indicators/new/", indicators.create, name="indicators_create"),
    path("indicators/<int:comparison_id>/", indicators.detail, name="indicators_detail"),
    path("indicators/<int:comparison_id>/edit/", indicators.edit, name="indicators_edit"),
    path("indicators/<int:comparison_id>/import/", indicators.import_view, name="indicators_import"),
    path("indicators/<int:comparison_id>/template.xlsx", indicators.template, name="indicators_template"),
    path("indicators/<int:comparison_id>/export.xlsx", indicators.export, name="indicators_export"),
    path("indicators/<int:comparison_id>/publish/", indicators.publish, name="indicators_publish"),
    path("indicators/<int:comparison_id>/restore/<int:event_id>/", indicators.restore, name="indicators_restore"),
]

# Adoption of ISO/IEC standards (views/adoption.py)
urlpatterns += [
    path("adoption/", adoption_views.index, name="adoption_index"),
    path("adoption/candidates/", adoption_views.candidates, name="adoption_candidates"),
    path("adoption/behind/", adoption_views.behind_list, name="adoption_behind"),
    path("adoption/export.xlsx", adoption_views.export, name="adoption_export"),
]
