# A fleet with no secrets yet.
let in
{ }
