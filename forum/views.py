"""Views of the forum: validate input, call one service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community.models import User
from community.roles import can_moderate
from escalation.gaps.selectors import article_links_for_threads
from forum import permissions, selectors, services
from forum.forms import AnswerForm, AskForm, CommentForm, EditForm
from forum.markup import render_body
from forum.models import Category, Post
from forum.services.errors import ForumError
from forum.services.views import viewer_key_for


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _list_params(request) -> dict:
    return {
        "sort": request.GET.get("sort", "active"),
        "state": request.GET.get("state", "all"),
        "tag": request.GET.get("tag", "")[:40],
    }


def _list_context(request, *, category=None) -> dict:
    params = _list_params(request)
    page = selectors.thread_list(
        request.user, category=category, page_number=request.GET.get("page"), **params
    )
    kept = {key: value for key, value in params.items() if value and value not in ("all",)}
    return {
        "page_obj": page,
        "threads": page.object_list,
        "categories": selectors.categories(),
        "category": category,
        "sort": params["sort"] if params["sort"] in selectors.SORTS else "active",
        "state": params["state"] if params["state"] in selectors.FILTERS else "all",
        "tag": params["tag"],
        "sorts": _sort_links(kept),
        "states": _state_links(kept),
        "query_string": urlencode(kept),
    }


def _sort_links(kept: dict) -> list[tuple[str, str, str]]:
    labels = {
        "active": _("Active"),
        "newest": _("Newest"),
        "votes": _("Most votes"),
        "unanswered": _("Unanswered"),
    }
    return [(key, label, urlencode({**kept, "sort": key})) for key, label in labels.items()]


def _state_links(kept: dict) -> list[tuple[str, str, str]]:
    labels = {
        "all": _("All"),
        "solved": _("Solved"),
        "unsolved": _("Unsolved"),
        "unanswered": _("No answers"),
    }
    return [(key, label, urlencode({**kept, "state": key})) for key, label in labels.items()]


@require_GET
def thread_index(request):
    return render(request, "forum/thread_list.html", _list_context(request))


@require_GET
def category_detail(request, slug: str):
    category = selectors.category_by_slug(slug)
    context = _list_context(request, category=category)
    context["is_following_category"] = selectors.is_following_category(request.user, category)
    return render(request, "forum/thread_list.html", context)


def _record_view(request, thread) -> None:
    key = viewer_key_for(
        user_id=request.user.pk if request.user.is_authenticated else None,
        session_key=request.session.session_key,
        ip=request.META.get("REMOTE_ADDR", ""),
        agent=request.headers.get("User-Agent", "")[:200],
    )
    services.thread_view_record(thread=thread, viewer_key=key)


def _thread_context(request, thread, *, answer_form=None, preview_html="") -> dict:
    data = selectors.thread_page(request.user, thread, request.GET.get("page"))
    user = request.user
    return {
        "thread": thread,
        "question": data.question,
        "page_obj": data.answers,
        "answers": data.answers.object_list,
        "is_following": data.is_following,
        "can_answer": permissions.can_answer(user, thread),
        "can_accept": permissions.can_accept(user, thread),
        "can_vote": permissions.can_participate(user),
        "can_moderate": can_moderate(user),
        "answer_form": answer_form or AnswerForm(),
        "comment_form": CommentForm(),
        "preview_html": preview_html,
        "login_url": reverse("account_login") + "?" + urlencode({"next": request.path}),
        "article_link": article_links_for_threads([thread.pk]).get(thread.pk),
    }


def _decorate_permissions(request, context: dict) -> None:
    """Per-post flags for the template (no queries: the posts and thread are loaded)."""
    user = request.user
    posts = [context["question"], *context["answers"]] if context["question"] else []
    for post in posts:
        post.viewer_can_vote = permissions.can_vote(user, post)
        post.viewer_can_edit = permissions.can_edit_post(user, post)
        post.viewer_can_comment = permissions.can_comment(user, post)


@require_GET
def thread_detail(request, pk: int, slug: str = ""):
    thread = permissions.get_thread_for(request.user, pk)
    if slug != thread.slug:
        return HttpResponseRedirect(thread.get_absolute_url())
    _record_view(request, thread)
    context = _thread_context(request, thread)
    _decorate_permissions(request, context)
    return render(request, "forum/thread_detail.html", context)


@require_GET
def post_redirect(request, pk: int):
    post = permissions.get_post_for(request.user, pk)
    thread, page = selectors.post_location(post)
    url = thread.get_absolute_url()
    if page > 1:
        url += "?" + urlencode({"page": page})
    return HttpResponseRedirect(f"{url}#post-{post.pk}")


@login_required
def ask(request):
    if not permissions.can_ask(request.user):
        raise PermissionDenied
    preview_html = ""
    if request.method == "POST":
        form = AskForm(request.POST)
        if "preview" in request.POST:
            preview_html = render_body(request.POST.get("body", "")).html
        elif form.is_valid():
            data = form.cleaned_data
            try:
                thread = services.thread_create(
                    author=request.user,
                    category=data["category"],
                    title=data["title"],
                    body=data["body"],
                    tags=data["tags"],
                    kind=data["kind"],
                )
            except ForumError as error:
                form.add_error(None, str(error))
            else:
                if thread.is_published:
                    messages.success(request, _("Your question is posted."))
                else:
                    messages.info(request, _("Your question waits for a moderator's approval."))
                return redirect(thread.get_absolute_url())
    else:
        form = AskForm(initial={"title": request.GET.get("title", "")[:200]})
        if request.GET.get("category"):
            form.initial["category"] = Category.objects.filter(slug=request.GET["category"]).first()
    return render(request, "forum/ask.html", {"form": form, "preview_html": preview_html})


@login_required
@require_POST
def answer_post(request, pk: int):
    thread = permissions.get_thread_for(request.user, pk)
    form = AnswerForm(request.POST)
    preview_html = ""
    if "preview" in request.POST:
        preview_html = render_body(request.POST.get("body", "")).html
    elif form.is_valid():
        try:
            answer = services.answer_create(
                thread=thread, author=request.user, body=form.cleaned_data["body"]
            )
        except ForumError as error:
            form.add_error("body", str(error))
        else:
            if answer.is_published:
                messages.success(request, _("Your answer is posted."))
            else:
                messages.info(request, _("Your answer waits for a moderator's approval."))
            return redirect(answer.get_absolute_url())
    context = _thread_context(request, thread, answer_form=form, preview_html=preview_html)
    _decorate_permissions(request, context)
    status = 200 if preview_html else 400
    return render(request, "forum/thread_detail.html", context, status=status)


@login_required
@require_POST
def comment_post(request, pk: int):
    post = permissions.get_post_for(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_create(post=post, author=request.user, body=form.cleaned_data["body"])
        except ForumError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your comment is posted."))
            return redirect(post.get_absolute_url())
    return render(request, "forum/comment_form.html", {"post": post, "form": form}, status=400)


@login_required
@require_POST
def vote(request, pk: int):
    post = permissions.get_post_for(request.user, pk)
    value = {"up": 1, "down": -1, "clear": 0}.get(request.POST.get("value", ""))
    if value is None:
        raise Http404
    error = ""
    try:
        score = services.vote_cast(post=post, voter=request.user, value=value)
    except PermissionDenied:
        error = _("You cannot vote on this post.")
    except ForumError as exc:
        error = str(exc)
    if _wants_json(request):
        if error:
            return JsonResponse({"error": error}, status=429 if "quickly" in error else 403)
        return JsonResponse({"score": score, "vote": value})
    if error:
        messages.error(request, error)
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def accept(request, pk: int):
    post = permissions.get_post_for(request.user, pk)
    try:
        services.answer_accept(answer=post, actor=request.user)
    except ForumError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Answer accepted: the question is marked solved."))
    return redirect(post.thread.get_absolute_url())


@login_required
@require_POST
def unaccept(request, pk: int):
    thread = permissions.get_thread_for(request.user, pk)
    services.answer_unaccept(thread=thread, actor=request.user)
    messages.success(request, _("The answer is no longer accepted."))
    return redirect(thread.get_absolute_url())


@login_required
@require_POST
def thread_follow(request, pk: int):
    thread = permissions.get_thread_for(request.user, pk)
    following = services.follow_toggle(user=request.user, thread=thread)
    messages.success(
        request,
        _("You follow this thread.") if following else _("You no longer follow this thread."),
    )
    return redirect(thread.get_absolute_url())


@login_required
@require_POST
def category_follow(request, slug: str):
    category = selectors.category_by_slug(slug)
    following = services.follow_category_toggle(user=request.user, category=category)
    messages.success(
        request,
        _("You follow this category.") if following else _("You no longer follow this category."),
    )
    return redirect(category.get_absolute_url())


@login_required
def post_edit(request, pk: int):
    post = permissions.get_post_for(request.user, pk)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied
    thread = post.thread
    is_question = post.kind == Post.Kind.QUESTION
    can_retag = is_question and permissions.can_retag(request.user, thread)
    initial = {"body": post.body_markdown, "title": thread.title}
    if can_retag:
        initial["tags"] = ", ".join(thread.tags.names())
    form_kwargs = {"is_question": is_question, "can_retag": can_retag}
    preview_html = ""
    if request.method == "POST":
        form = EditForm(request.POST, **form_kwargs)
        if "preview" in request.POST:
            preview_html = render_body(request.POST.get("body", "")).html
        elif form.is_valid():
            data = form.cleaned_data
            services.post_edit(
                post=post,
                editor=request.user,
                body=data["body"],
                title=data.get("title") if is_question else None,
                tags=data.get("tags") if can_retag else None,
                reason=data.get("reason", ""),
            )
            messages.success(request, _("Your edit is saved."))
            return redirect(post.get_absolute_url())
    else:
        form = EditForm(initial=initial, **form_kwargs)
    context = {"form": form, "post": post, "thread": thread, "preview_html": preview_html}
    return render(request, "forum/post_edit.html", context)


@require_POST
def preview(request):
    """Live preview for the editor: the exact HTML the post will show (JSON)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Sign in to preview.")}, status=403)
    body = request.POST.get("body", "")[:30000]
    return JsonResponse({"html": str(render_body(body).html)})


@require_GET
def mention_lookup(request):
    """Members whose display name starts with ``q`` (for the @mention picker)."""
    if not request.user.is_authenticated:
        return JsonResponse({"results": []}, status=403)
    query = request.GET.get("q", "").strip()[:40]
    if not query:
        return JsonResponse({"results": []})
    members = User.objects.filter(is_active=True, display_name__istartswith=query).order_by(
        "display_name"
    )[:8]
    return JsonResponse({"results": [{"id": m.pk, "name": m.public_name} for m in members]})


@require_GET
def leaderboard(request):
    return render(request, "forum/leaderboard.html", selectors.leaderboard())
