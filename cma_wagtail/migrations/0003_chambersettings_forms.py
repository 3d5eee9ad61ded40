# The public forms' settings: the callback page (was crisis_banner_callback_page: every
# "Be called back" link now uses it) and one privacy notice per form (the old notice, shown
# by every form, was written for the callback form: it becomes that form's).

import django.db.models.deletion
import swapper
import wagtail.fields
from django.db import migrations, models

BASE_PAGE = swapper.get_model_name("wagtailcore", "Page")

HELP = (
    "Shown above the consent box of this form. Blank: the package's notice, which states "
    "this form's purpose, data and retention period."
)


class Migration(migrations.Migration):
    dependencies = [
        ("cma_wagtail", "0002_chamber_frame_and_theme"),
        swapper.dependency("wagtailcore", "Page"),
    ]

    operations = [
        migrations.RenameField(
            model_name="chambersettings",
            old_name="crisis_banner_callback_page",
            new_name="callback_page",
        ),
        migrations.AlterField(
            model_name="chambersettings",
            name="callback_page",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "A page carrying a callback form: every “Be called back” link of a page "
                    "without a form of its own leads to its form. Empty: the package's "
                    "callback page."
                ),
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=BASE_PAGE,
                verbose_name="callback form page",
            ),
        ),
        migrations.RenameField(
            model_name="chambersettings",
            old_name="privacy_notice",
            new_name="callback_privacy_notice",
        ),
        migrations.AlterField(
            model_name="chambersettings",
            name="callback_privacy_notice",
            field=wagtail.fields.RichTextField(
                blank=True, help_text=HELP, verbose_name="privacy notice of the callback form"
            ),
        ),
        migrations.AddField(
            model_name="chambersettings",
            name="registration_privacy_notice",
            field=wagtail.fields.RichTextField(
                blank=True,
                help_text=HELP,
                verbose_name="privacy notice of the training registration",
            ),
        ),
        migrations.AddField(
            model_name="chambersettings",
            name="proposal_privacy_notice",
            field=wagtail.fields.RichTextField(
                blank=True,
                help_text=HELP,
                verbose_name="privacy notice of the initiative proposal form",
            ),
        ),
        migrations.AddField(
            model_name="chambersettings",
            name="news_alerts_privacy_notice",
            field=wagtail.fields.RichTextField(
                blank=True, help_text=HELP, verbose_name="privacy notice of the news alerts form"
            ),
        ),
    ]
