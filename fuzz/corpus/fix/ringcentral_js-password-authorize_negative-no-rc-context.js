// Front-end permission checks (Laravel-style gates in JS). No telephony SDK here.
import axios from 'axios';

class Gate {
  constructor(abilities) {
    this.abilities = abilities;
  }

  allows(ability, model) {
    const check = this.abilities[ability];
    return typeof check === 'function' && check(model);
  }

  authorize(ability, model) {
    if (!this.allows(ability, model)) {
      throw new Error(`This action is unauthorized: ${ability}`);
    }
  }
}

export const gate = new Gate({
  edit: (post) => post.ownerId === window.currentUser.id,
});

export default {
  name: 'PostEditor',
  props: ['post'],
  methods: {
    authorize(ability) {
      gate.authorize(ability, this.post);
    },
    async save() {
      this.authorize('edit', this.post);
      gate.authorize('edit');
      await axios.put(`/api/posts/${this.post.id}`, this.post);
    },
    async signIn(username, password) {
      const client = await import('./api-client.js');
      return client.default.authorize({ username, password });
    },
  },
};
