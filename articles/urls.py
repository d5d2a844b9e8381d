from django.urls import path
from django.views.generic import RedirectView

app_name = "articles"

urlpatterns = []
