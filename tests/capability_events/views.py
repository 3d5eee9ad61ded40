from django.shortcuts import render

from .queries import upcoming_events


def event_list(request):
    return render(request, "cma_test_events/event_list.html", {"events": upcoming_events()})
