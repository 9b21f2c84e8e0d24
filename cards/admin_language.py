"""The admin's own sentences, read right in Kazakh and Russian.

Titles that name a model as the object of a verb ("Изменить карточку профессии"): Django builds
them as "Изменить %s" with the model's ``verbose_name``, the nominative ("карточка профессии"),
which reads wrong in Russian for feminine names and in Kazakh for every name with a possessive
ending ("кәсіп карточкасы" -> "кәсіп карточкасын өзгерту"). The usual trick, an accusative
``verbose_name`` translation, would spoil every other place the name shows: field labels share the
msgids ("edition", "labour function"), the recent actions and the list of objects a delete takes
show the content type's name, the public pages use them too. So each admin names its model once
more, in the accusative (``pgettext_lazy("accusative", ...)``), and only the sentences built around
a verb take that form. Sentences that take the nominative (success messages, bulk deletes) are
phrased in ``locale_admin`` to read right with it.

The history names the fields an edit changed: Django stores their form labels, capitalised
("Profession name"), and translates them when the history is shown, but no catalogue has those
msgids; the fields' own names ("profession name") are stored instead.
"""

from django.core.exceptions import FieldDoesNotExist
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext


class AccusativeTitles:
    """ModelAdmin mixin: the change list, change form and delete page name the model in the accusative.

    Set ``accusative_name`` to ``pgettext_lazy("accusative", "<verbose_name>")`` on the admin (or a
    class it inherits after this mixin); without it the titles take the ``verbose_name``, as Django's do.
    """

    def object_name(self) -> str:
        """The model's name as the object of a verb ("карточку профессии", "кәсіп карточкасын")."""
        return str(getattr(self, "accusative_name", None) or self.opts.verbose_name)

    def named_title(self, template: str) -> str:
        """Django's own msgid ``template`` ("Change %s") around the accusative name, capitalised:
        a Kazakh title starts with the name ("Кәсіп карточкасын өзгерту")."""
        return capfirst(gettext(template) % self.object_name())

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and "cl" in (response.context_data or {}):
            if response.context_data["cl"].is_popup:
                title = self.named_title("Select %s")
            elif self.has_change_permission(request):
                title = self.named_title("Select %s to change")
            else:
                title = self.named_title("Select %s to view")
            response.context_data["title"] = title
            # templates/admin/change_list_object_tools.html shows it on the add button.
            response.context_data["add_label"] = capfirst(gettext("Add %(name)s") % {"name": self.object_name()})
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if add:
            context["title"] = self.named_title("Add %s")
        elif self.has_change_permission(request, obj):
            context["title"] = self.named_title("Change %s")
        else:
            context["title"] = self.named_title("View %s")
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def render_delete_form(self, request, context):
        # "Are you sure you want to delete the %(object_name)s …?" and its variants take the object.
        context["object_name"] = self.object_name()
        if context.get("perms_lacking") or context.get("protected"):
            context["title"] = capfirst(gettext("Cannot delete %(name)s") % {"name": self.object_name()})
        return super().render_delete_form(request, context)


class TranslatedHistory:
    """ModelAdmin mixin: the history names changed fields by their msgids, so it shows them translated."""

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        forms = [form, *(formset.forms[0] for formset in formsets or [] if formset.forms)]
        with translation.override(None):
            msgids = {label: msgid for each in forms for label, msgid in field_msgids(each).items()}
        for entry in message:
            changed = entry.get("changed", {})
            if "fields" in changed:
                changed["fields"] = [msgids.get(label, label) for label in changed["fields"]]
        return message


def field_msgids(form) -> dict[str, str]:
    """The labels Django stores for ``form``'s model fields ("Profession name"), each with the field's
    own ``verbose_name`` msgid ("profession name"). Call with translations off."""
    model = form._meta.model
    msgids = {}
    for name, field in form.fields.items():
        try:
            verbose_name = model._meta.get_field(name).verbose_name
        except FieldDoesNotExist:
            continue
        if field.label is not None and str(field.label) == capfirst(str(verbose_name)):
            msgids[str(field.label)] = str(verbose_name)
    return msgids
