{{ stage_extract('social', 'social_posts') }}
