-- Client groups a restore made the server forget (linli-server restore,
-- docs/DEPLOY.md). A device of such a group is told ClientStateNotFound on
-- its next push or pull, before anything it sends is applied, so it starts
-- over as a new client: were the group simply forgotten, a push of its
-- first pending mutation (numbered 1, which a forgotten client expects)
-- would be applied, and applied again once the pull made it start over.
CREATE TABLE retired_client_groups (
    id TEXT PRIMARY KEY
);
