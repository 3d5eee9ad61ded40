"""Create the "Cellule de crise" group with only what agents need."""

from django.db import migrations

GROUP_NAME = "Cellule de crise"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("cma_callbacks", "callbackrequest", "view_callbackrequest"),
    ("cma_callbacks", "callbackrequest", "change_callbackrequest"),
    ("cma_callbacks", "callbackattempt", "view_callbackattempt"),
    ("cma_callbacks", "callbackattempt", "add_callbackattempt"),
]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran: create ours now.
    for app_config in apps.get_app_configs():
        if app_config.label == "cma_callbacks":
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, model, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cma_callbacks", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
