"""Idempotency keys: stored as a SHA-256 of (client, method, path, whole key), no longer cut.

The stored answers are short-lived retries: the old rows (keyed without client or URL) are
dropped rather than carried over.
"""

from django.db import migrations, models


def drop_old_answers(apps, schema_editor):
    apps.get_model("cma_wagtail", "IdempotentResponse").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("cma_wagtail", "0003_outgoingemail_template"),
    ]

    operations = [
        migrations.RunPython(drop_old_answers, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="idempotentresponse",
            name="cma_idempotency_scope_key",
        ),
        migrations.RemoveField(
            model_name="idempotentresponse",
            name="key",
        ),
        migrations.AddField(
            model_name="idempotentresponse",
            name="key_hash",
            field=models.CharField(
                default="", max_length=64, unique=True, verbose_name="idempotency key hash"
            ),
            preserve_default=False,
        ),
    ]
