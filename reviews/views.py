"""HTML pages for reviews, cycles and templates (blueprint "reviews")."""

from flask import Blueprint

bp = Blueprint("reviews", __name__)
