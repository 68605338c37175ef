"""A person's notice comments in their data export, and under their pseudonym once the account is deleted."""

import pytest

from biaozhun.committees.applications.services import comment_on_application
from biaozhun.committees.personal_data import erase_notice_comment_authors, export_notice_comments
from biaozhun.core.actors import SYSTEM

pytestmark = pytest.mark.django_db


def test_notice_comments_are_exported_and_keep_only_the_pseudonym_when_the_account_goes(notice_application,
                                                                                        registered_user):
    comment_on_application(actor=registered_user, application=notice_application, text="同意。",
                           organisation_name="某研究院")
    assert [(c["application"], c["text"]) for c in export_notice_comments(registered_user)] == [
        (notice_application.pk, "同意。")]
    erase_notice_comment_authors(actor=SYSTEM, user=registered_user, pseudonym="已注销用户 7")
    comment = notice_application.comments.get()
    assert (comment.author_name, comment.organisation_name, comment.pseudonym) == ("已注销用户 7", "", "意见人 1")
