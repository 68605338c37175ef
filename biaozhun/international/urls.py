from django.urls import path

from .views import participation

app_name = "international"
urlpatterns: list = []

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
