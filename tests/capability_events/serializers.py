"""The one place the JSON shape of an event is written."""


def event_data(event) -> dict:
    return {
        "id": event.pk,
        "title": event.title,
        "starts_on": event.starts_on.isoformat(),
        "town": event.town,
    }
