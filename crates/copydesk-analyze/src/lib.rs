//! Text analysis: quotes, speakers, entities, dates. (in progress)
