"""The development contracts: ``forms`` (inputs shared by the pages and the API) and
``api`` (what the API answers, its query arguments and the inputs only it has). Import
from the module that holds a schema; this package re-exports nothing."""
