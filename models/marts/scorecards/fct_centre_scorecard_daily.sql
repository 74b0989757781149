{{ centre_scorecard('day') }}
