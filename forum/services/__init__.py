"""Every write of the forum, one function each (keyword-only, atomic, notifications after commit).

Other apps import from here: ``from forum import services``; see each function's docstring.
"""

from forum.services.accept import answer_accept, answer_unaccept, staff_answer_publish_accepted
from forum.services.errors import ForumError, PostingRateLimited
from forum.services.follows import follow_category_toggle, follow_thread, follow_toggle
from forum.services.posts import (
    answer_create,
    comment_create,
    post_edit,
    post_mark_published,
    thread_create,
)
from forum.services.views import thread_view_record
from forum.services.votes import vote_cast

__all__ = [
    "ForumError",
    "PostingRateLimited",
    "answer_accept",
    "answer_create",
    "answer_unaccept",
    "comment_create",
    "follow_category_toggle",
    "follow_thread",
    "follow_toggle",
    "post_edit",
    "post_mark_published",
    "staff_answer_publish_accepted",
    "thread_create",
    "thread_view_record",
    "vote_cast",
]
