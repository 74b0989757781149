{{ centre_scorecard('month') }}
