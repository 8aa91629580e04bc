"""Who may import learning records from other deployments: staff, or a member of the Django group
"Learning hub editors" (give it in the admin, Groups). Importing adds to what every partnership's
hub shows, so it is an account's permission, not a partnership role's, like editing evidence."""

IMPORT_LEARNING = "learning.import_records"
LEARNING_HUB_EDITORS_GROUP = "Learning hub editors"
