"""StreamField blocks of KB articles and FAQ pages."""

from __future__ import annotations

import unicodedata

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from community.sanitizer import sanitize_html

INLINE_FEATURES = ["bold", "italic", "link", "document-link", "code", "ol", "ul", "superscript"]

CODE_LANGUAGES = [
    ("text", _("Plain text")),
    ("bash", "Shell"),
    ("python", "Python"),
    ("javascript", "JavaScript"),
    ("json", "JSON"),
    ("yaml", "YAML"),
    ("html", "HTML"),
    ("css", "CSS"),
    ("sql", "SQL"),
    ("http", "HTTP"),
]


def anchor_for(text: str) -> str:
    """A URL fragment for a heading or question: letters, marks and digits of any script.

    Unlike ``slugify`` this keeps Thai vowel and tone marks (category M), so anchors stay readable.
    """
    text = unicodedata.normalize("NFC", str(text)).lower()
    kept = "".join(ch if unicodedata.category(ch)[0] in "LNM" else " " for ch in text)
    return "-".join(kept.split())[:80] or "section"


def page_slug(text: str) -> str:
    """The slug Wagtail itself would make from a title (Unicode kept; Thai marks are dropped,
    as Django's slug rules only allow letters and digits)."""
    return slugify(str(text), allow_unicode=True)[:255]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Section")), ("h3", _("Subsection"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "kb/blocks/heading.html"


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(label=_("Language"), choices=CODE_LANGUAGES, default="text")
    code = blocks.TextBlock(label=_("Code"))

    class Meta:
        icon = "code"
        label = _("Code")
        template = "kb/blocks/code.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("note", _("Note")), ("tip", _("Tip")), ("warning", _("Warning"))],
        default="note",
    )
    text = blocks.RichTextBlock(label=_("Text"), features=INLINE_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "kb/blocks/callout.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("What to do"), features=INLINE_FEATURES)


class StepsBlock(blocks.StructBlock):
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "kb/blocks/steps.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "kb/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    url = EmbedBlock(label=_("Video or embed URL"))
    title = blocks.CharBlock(
        label=_("Title"), max_length=200, help_text=_("Read by screen readers.")
    )

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "kb/blocks/embed.html"


class SanitizedHTMLBlock(blocks.TextBlock):
    """HTML from the importer; rendered through ``community.sanitizer`` every time."""

    def render_basic(self, value, context=None):
        return sanitize_html(value)

    class Meta:
        icon = "doc-full"
        label = _("Imported HTML")


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"), features=[*INLINE_FEATURES, "h3", "h4", "blockquote", "hr"]
    )
    heading = HeadingBlock()
    code = CodeBlock()
    callout = CalloutBlock()
    steps = StepsBlock()
    image = ImageBlock()
    embed = VideoBlock()
    html = SanitizedHTMLBlock()


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=INLINE_FEATURES)
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=80,
        help_text=_("Part of the link to this question; made from the question when empty."),
    )

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBodyBlock(blocks.StreamBlock):
    qa = QuestionBlock()
